// piscina and tinypool: the default export runs each task.
export default ({ x, y }) => x + y
