class Pass < Formula
  desc "Tool for demos"
  homepage "http://example.org/demo"
end
