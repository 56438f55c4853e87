class Fail < Formula
  url "https://example.org/demo-1.0.tar.gz"
  resource "extra" do
    url "bzr://https://example.org/extra"
#~^ homebrew/url-vcs-scheme
  end
  resource "more" do
    url "svn+http://svn.example.org/more/trunk"
#~^ homebrew/url-vcs-scheme
  end
end
