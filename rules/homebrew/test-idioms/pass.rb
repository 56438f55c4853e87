class Pass < Formula
  test do
    assert_match "hello", shell_output("#{bin}/demo hello")
    assert_match "usage", shell_output("#{bin}/demo", 1)
    # shell_output("#{bin}/demo", 0) in a comment is fine
    system bin/"demo", "--prefix=/usr/local/bin"
  end
end
