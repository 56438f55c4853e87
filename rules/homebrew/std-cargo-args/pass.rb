class Pass < Formula
  def install
    system "cargo", "install", *std_cargo_args(path: "cli")
    system "cargo", "build", "--lib", "--release"
  end
end
