class Pass < Formula
  depends_on "go" => :build
  resource "dep" do
    url "https://example.org/dep-1.0.tar.gz"
  end
end
