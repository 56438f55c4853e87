class Pass < Formula
  desc "Simple command-line tool for demos"
end
