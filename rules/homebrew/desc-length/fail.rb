class Fail < Formula
  desc "Tool for demos that does a great many things, and explains every one of them right here"
#~^ homebrew/desc-length
end
