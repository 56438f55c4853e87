class Fail < Formula
  url "https://github.com/example/demo/archive/refs/tags/v2.4.1.tar.gz"
  version "2.4.1"
#~^ homebrew/version-redundant-with-url
  resource "extra" do
    url "https://example.org/extra_1_2_3.tar.gz"
    version "1.2.3"
#~^ homebrew/version-redundant-with-url
  end
end
