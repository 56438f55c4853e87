class Fail < Formula
  test do
#~^ homebrew/test-empty
  end
end
