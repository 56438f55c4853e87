class Fail < Formula
  deprecate! date: "2024-01-31"
#~^ homebrew/deprecate-reason
  disable! date: "2025-01-31", because: "it does not build!"
#~^ homebrew/deprecate-reason
#~^ homebrew/deprecate-reason
end
