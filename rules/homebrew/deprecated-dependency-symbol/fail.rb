class Fail < Formula
  depends_on :python => :build
#~^ homebrew/deprecated-dependency-symbol
  depends_on :mpi
#~^ homebrew/deprecated-dependency-symbol
end
