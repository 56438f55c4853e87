class Pass < Formula
  url "https://github.com/example/demo/archive/refs/tags/v1.0.tar.gz"
  resource "extra" do
    url "https://github.com/example/extra/releases/download/v2.0/extra-2.0.zip"
  end
end
