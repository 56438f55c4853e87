class Pass < Formula
  depends_on "autoconf" => :build
  depends_on "cmake" => :build
  depends_on "pkg-config" => [:build, :test]
  depends_on xcode: :build if Hardware::CPU.arm?
  depends_on "gcc" => :test
  depends_on "Boost"
  depends_on "openssl@3"
  depends_on "zlib"
  depends_on "doxygen" => :recommended
  depends_on "graphviz" => :optional
  uses_from_macos "curl"
  uses_from_macos "zlib"
end
