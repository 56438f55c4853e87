class Pass < Formula
  def install
    system "go", "build", *std_go_args(ldflags: "-s -w")
  end
  test do
    system "go", "get", "example.org/x"
  end
end
