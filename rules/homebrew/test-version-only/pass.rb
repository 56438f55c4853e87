class Pass < Formula
  test do
    (testpath/"in.txt").write "hello"
    assert_equal "HELLO", shell_output("#{bin}/demo upper in.txt").strip
  end
end
