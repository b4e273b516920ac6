from benchgame.cli import main

main()
