class Pass < Formula
  # not a host on Homebrew's list
  homepage "http://example.org/demo"
end
