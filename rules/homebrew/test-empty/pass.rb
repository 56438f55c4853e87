class Pass < Formula
  test do
    assert_equal "hello", shell_output("#{bin}/demo echo hello").strip
  end
end
