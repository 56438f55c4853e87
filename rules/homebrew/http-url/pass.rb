class Pass < Formula
  url "http://example.org/demo-1.0.tar.gz"
  disable! date: "2024-01-31", because: :unmaintained
end
