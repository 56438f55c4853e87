class Pass < Formula
  url "https://ftp.gnu.org/gnu/demo/demo-1.0.tar.gz"
  mirror "http://ftp.gnu.org/gnu/demo/demo-1.0.tar.gz"
  mirror "http://example.org/demo-1.0.tar.gz"
end
