class Fail < Formula
  def install
    system "cargo", "build", "--release", "--locked"
#~^ homebrew/std-cargo-args
    bin.install "target/release/demo"
  end
end
