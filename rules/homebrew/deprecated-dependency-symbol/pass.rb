class Pass < Formula
  depends_on "python@3.11" => :build
  depends_on "open-mpi"
  depends_on :macos
end
