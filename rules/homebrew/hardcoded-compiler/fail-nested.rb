class FailNested < Formula
  def install
    if OS.mac?
      system "clang", "-o", "demo", "demo.c"
#~^ homebrew/hardcoded-compiler
    end
  end
end
