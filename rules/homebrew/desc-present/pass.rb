class Pass < Formula
  desc "Tool for demos"
  homepage "https://example.org/demo"
end
