class PassSymbol < Formula
  keg_only :provided_by_macos
end
