class Pass < Formula
  url "https://example.org/demo-1.0.tar.gz"
  resource "extra" do
    url "https://example.org/extra", using: :bzr
  end
end
