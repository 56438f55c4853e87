class Fail <  Formula
#~^ homebrew/class-inheritance-space
  desc "Tool for demos"
end
