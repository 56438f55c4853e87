class Pass < Formula
  desc "Tool for demos, slides, etc."
end
