class Fail < Formula
#~^ homebrew/license-present
  url "https://example.org/demo-1.0.tar.gz"
end
