class Fail < Formula
  url "https://example.org/demo-1.0.tar.gz"
  mirror "https://mirror.example.net/demo-1.0.tar.gz"
  mirror "https://example.org/demo-1.0.tar.gz"
#~^ homebrew/mirror-duplicates-url
end
