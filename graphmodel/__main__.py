from graphmodel.cli import main

main()
