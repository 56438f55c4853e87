class Fail < Formula
  skip_clean :all
#~^ homebrew/deprecated-dsl
  fails_with :llvm
#~^ homebrew/deprecated-dsl

  def install
    inreplace "Makefile", "CC=cc", "CC=#{Formula.factory("gcc").opt_bin}/gcc"
#~^ homebrew/deprecated-dsl
  end

  def test
#~^ homebrew/deprecated-dsl
    system bin/"demo"
  end
end
