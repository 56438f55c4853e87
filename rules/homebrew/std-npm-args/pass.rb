class Pass < Formula
  def install
    system "npm", "install", *std_npm_args
    system "npm", "run", "build"
  end
end
