alias ll="ls -l"
alias k=kubectl
