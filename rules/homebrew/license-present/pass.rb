class Pass < Formula
  url "https://example.org/demo-1.0.tar.gz"
  license :public_domain
end
