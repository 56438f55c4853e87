class Pass < Formula
  test do
    output = shell_output("#{bin}/demo")
    assert_match "hello", output
    assert_predicate testpath/"out.txt", :exist?
    # assert File.exist?("old style")
  end
end
