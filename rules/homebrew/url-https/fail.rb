class Fail < Formula
  url "http://ftp.gnu.org/gnu/demo/demo-1.0.tar.gz"
#~^ homebrew/url-https
  mirror "http://ftpmirror.gnu.org/demo/demo-1.0.tar.gz"
#~^ homebrew/url-https
  head "git://github.com/example/demo.git"

  resource "extra" do
    url "git://github.com/example/extra.git", tag: "v1", revision: "0123456789abcdef0123456789abcdef01234567"
#~^ homebrew/url-https
  end
end
