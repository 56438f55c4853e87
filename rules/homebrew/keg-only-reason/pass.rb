class Pass < Formula
  keg_only "Pass is also provided by Xcode"
end
