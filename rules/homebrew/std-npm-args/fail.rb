class Fail < Formula
  def install
    system "npm", "install", *Language::Node.std_npm_install_args(libexec)
#~^ homebrew/std-npm-args
    system "npm", "install", "--production"
#~^ homebrew/std-npm-args
  end
end
