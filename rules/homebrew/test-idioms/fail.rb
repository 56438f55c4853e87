class Fail < Formula
  test do
    assert_match "hello", shell_output("#{bin}/demo hello", 0)
#~^ homebrew/test-idioms
    system "/usr/local/bin/demo", "--check"
#~^ homebrew/test-idioms
  end
end
