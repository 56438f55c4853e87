class Fail < Formula
  depends_on :x11
#~^ homebrew/deprecated-requirement
  depends_on java: "1.8+"
#~^ homebrew/deprecated-requirement
end
