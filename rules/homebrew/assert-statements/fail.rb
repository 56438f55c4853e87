class Fail < Formula
  test do
    output = shell_output("#{bin}/demo")
    assert output.include?("hello")
#~^ homebrew/assert-statements
    assert File.exist?("out.txt")
#~^ homebrew/assert-statements
  end
end
