class Pass < Formula
  desc "iOS device backup tool"
end
