class Fail < Formula
  url "https://www.apache.org/dist/demo/demo-1.0.tar.gz"
#~^ homebrew/url-canonical-host
  mirror "https://www.apache.org/dyn/closer.lua?path=demo/demo-1.0.tar.gz"
#~^ homebrew/url-canonical-host
  resource "extra" do
    url "http://ftp.gnome.org/pub/gnome/sources/extra/1.0/extra-1.0.tar.xz"
#~^ homebrew/url-canonical-host
  end
  resource "jar" do
    url "https://repo1.maven.org/maven2/org/example/demo/1.0/demo-1.0.jar"
#~^ homebrew/url-canonical-host
  end
end
