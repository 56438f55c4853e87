class Pass < Formula
  # exactly 80 characters is allowed
  desc "Tool for demos that does a great many things, and explains them all right here"
end
