class FailTrue < Formula
  test do
    true
#~^ homebrew/test-empty
  end
end
