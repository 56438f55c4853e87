class Fail < Formula
  def install
    ENV["CC"] = "gcc"
#~^ homebrew/hardcoded-compiler
    system "make"
  end
  test do
    system "/usr/bin/clang++", "test.cpp"
#~^ homebrew/hardcoded-compiler
  end
end
