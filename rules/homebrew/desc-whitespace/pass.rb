class Pass < Formula
  desc "Tool for demos"
end
