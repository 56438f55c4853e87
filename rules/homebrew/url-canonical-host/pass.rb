class Pass < Formula
  url "https://www.apache.org/dyn/closer.lua?path=demo/demo-1.0.tar.gz"
  mirror "https://archive.apache.org/dist/demo/demo-1.0.tar.gz"
  mirror "https://fossies.org/linux/misc/demo-1.0.tar.gz"
  resource "jar" do
    url "https://search.maven.org/remotecontent?filepath=org/example/demo/1.0/demo-1.0.jar"
  end
end
