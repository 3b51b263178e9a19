public enum NNTUIPlaceholder {}
