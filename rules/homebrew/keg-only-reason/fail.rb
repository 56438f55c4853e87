class Fail < Formula
  keg_only "It conflicts with the system version."
#~^ homebrew/keg-only-reason
#~^ homebrew/keg-only-reason
end
