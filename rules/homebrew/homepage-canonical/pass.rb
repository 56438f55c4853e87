class Pass < Formula
  homepage "https://demo.sourceforge.io/"
end
