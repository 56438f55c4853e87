class Fail < Formula
  url "https://github.com/example/demo/zipball/v1.0"
#~^ homebrew/github-archive-url
  mirror "https://codeload.github.com/example/demo/tar.gz/v1.0"
#~^ homebrew/github-archive-url
  resource "extra" do
    url "https://github.com/example/extra/archive/master.tar.gz"
#~^ homebrew/github-archive-url
  end
  resource "more" do
    url "https://github.com/example/more/archive/v2.0.zip"
#~^ homebrew/github-archive-url
  end
end
