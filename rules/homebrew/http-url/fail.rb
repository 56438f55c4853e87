class Fail < Formula
  url "http://example.org/demo-1.0.tar.gz"
#~^ homebrew/http-url
  resource "extra" do
    url "http://example.org/extra-1.0.tar.gz"
#~^ homebrew/http-url
  end
end
