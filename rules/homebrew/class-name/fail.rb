class Fail < GithubGistFormula
#~^ homebrew/class-name
  desc "Tool for demos"
end
